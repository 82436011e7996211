// Shapes shared by the JSON API of several modules (OpenAPI components).
import { Type, type TSchema } from 'typebox';

export const LangMapJson = Type.Record(Type.String(), Type.String(), { description: 'Language map: BCP 47 tag -> text' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ErrorJson = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable machine code, e.g. not_found, validation_failed' }),
      message: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'Error' },
);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const InstitutionRef = Type.Object({ id: Type.String(), slug: Type.String(), name: LangMapJson });
export const PersonRef = Type.Object({ id: Type.String(), slug: Type.String(), name: LangMapJson });

export const MembershipJson = Type.Object({
  category: Type.String(),
  status: Type.String({ enum: ['applicant', 'member', 'suspended', 'withdrawn'] }),
  memberSince: Nullable(Type.String()),
  memberNumber: Nullable(Type.Integer()),
  admittedAt: Nullable(Type.Object({ id: Type.String(), slug: Type.String(), title: LangMapJson, startsOn: Nullable(Type.String()) })),
  endedOn: Nullable(Type.String()),
});

export const InstitutionJson = Type.Object({
  id: Type.String({ description: 'public id; never changes' }),
  slug: Type.String({ description: 'readable key used in page URLs' }),
  name: LangMapJson,
  shortName: LangMapJson,
  kind: Type.String(),
  country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  city: LangMapJson,
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  website: Nullable(Type.String()),
  wikidata: Nullable(Type.String()),
  url: Type.String({ description: 'canonical page URL' }),
  membership: Nullable(MembershipJson),
});

export const PostJson = Type.Object({
  title: LangMapJson,
  startedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()),
  person: Type.Optional(PersonRef),
  institution: Type.Optional(InstitutionRef),
});

export const OfficeJson = Type.Object({
  kind: Type.String({ enum: ['president', 'secretary_general', 'vice_president', 'other'] }),
  title: LangMapJson,
  person: Nullable(PersonRef),
  institution: Nullable(InstitutionRef),
  startedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()),
});

export const errorResponses = { 400: ErrorJson, 404: ErrorJson, 422: ErrorJson };
