import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Product, updateProductBody } from '../../../../contract/catalog.ts';
import { api } from '../../../lib/api-client.ts';

export type UpdateProductInput = z.output<typeof updateProductBody>;

export const updateProduct = ({ id, body }: { id: string; body: UpdateProductInput }) => api.patch<Product>(`/products/${id}`, body);

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProduct,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
