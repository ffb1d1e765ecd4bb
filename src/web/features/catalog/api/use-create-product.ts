import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createProductBody, Product } from '../../../../contract/catalog.ts';
import { api } from '../../../lib/api-client.ts';

export type CreateProductInput = z.output<typeof createProductBody>;

export const createProduct = (body: CreateProductInput) => api.post<Product>('/products', body);

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProduct,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
