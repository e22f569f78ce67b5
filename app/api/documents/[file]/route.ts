import { documentResponse } from '@/modules/files/download-route';

export async function GET(_request: Request, { params }: RouteContext<'/api/documents/[file]'>): Promise<Response> {
  const { file } = await params;
  return documentResponse(file);
}
