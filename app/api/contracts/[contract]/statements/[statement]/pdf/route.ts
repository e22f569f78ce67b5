import { contractPdfResponse } from '@/modules/contracts/pdf-route';

export async function GET(request: Request, { params }: RouteContext<'/api/contracts/[contract]/statements/[statement]/pdf'>): Promise<Response> {
  const { contract, statement } = await params;
  return contractPdfResponse(request, contract, statement);
}
