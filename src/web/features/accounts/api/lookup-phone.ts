import { useQuery } from '@tanstack/react-query';
import type { PhoneLookup } from '../../../../contract/accounts.ts';
import { normalizePhone } from '../../../../contract/values.ts';
import { api } from '../../../lib/api-client.ts';

/** The screen pop: accounts and contacts with exactly this number (any format). */
export const lookupPhone = (number: string) => api.get<PhoneLookup>(`/lookup/phone/${encodeURIComponent(number)}`);

/** Runs only once the typed number is a complete, valid phone number. */
export function usePhoneLookup(number: string) {
  const e164 = normalizePhone(number);
  return useQuery({
    queryKey: ['lookup', 'phone', e164],
    queryFn: () => lookupPhone(e164!),
    enabled: e164 !== null,
  });
}
