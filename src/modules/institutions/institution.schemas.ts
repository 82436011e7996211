// The shape of an institution as every edge receives and returns it.
import { Type, type Static } from 'typebox';

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

export const LangMapSchema = Type.Record(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)*$' }), Type.String({ maxLength: 2000 }), {
  description: 'Language map: BCP 47 tag -> text',
});

export const InstitutionInputSchema = Type.Object({
  name: LangMapSchema,
  shortName: Type.Optional(LangMapSchema),
  slug: Type.Optional(Type.String({ maxLength: 80 })),
  kind: Type.Optional(Type.Union(INSTITUTION_KINDS.map((k) => Type.Literal(k)))),
  country: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 2 }), Type.Null()])),
  city: Type.Optional(LangMapSchema),
  latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
  longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
  website: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  wikidata: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
});
export type InstitutionInput = Static<typeof InstitutionInputSchema>;

export const InstitutionSchema = Type.Object({
  id: Type.String({ description: 'public id, never changes' }),
  slug: Type.String(),
  name: LangMapSchema,
  shortName: LangMapSchema,
  kind: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  city: LangMapSchema,
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  wikidata: Type.Union([Type.String(), Type.Null()]),
  isDemo: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
