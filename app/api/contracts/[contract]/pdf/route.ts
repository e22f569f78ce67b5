import { contractPdfResponse } from '@/modules/contracts/pdf-route';

export async function GET(request: Request, { params }: RouteContext<'/api/contracts/[contract]/pdf'>): Promise<Response> {
  const { contract } = await params;
  return contractPdfResponse(request, contract);
}
