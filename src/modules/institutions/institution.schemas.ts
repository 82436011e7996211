// The shape of an institution as every edge hands it to the service. The JSON shapes
// the API returns are in src/http/api.schemas.ts.

export const INSTITUTION_KINDS = [
  'museum',
  'government',
  'agency',
  'association',
  'international_organisation',
  'university',
  'company',
  'other',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export interface InstitutionInput {
  name: Record<string, string>;
  shortName?: Record<string, string>;
  slug?: string;
  kind?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string | null;
  city?: Record<string, string>;
  latitude?: number | null;
  longitude?: number | null;
  website?: string | null;
  /** Wikidata item id, e.g. Q123 */
  wikidata?: string | null;
}
