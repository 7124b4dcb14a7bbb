-- Written by `dbmate dump`: the resulting schema, not a migration.
CREATE TABLE public.projects (id uuid NOT NULL);
