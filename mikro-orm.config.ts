// Used by the MikroORM CLI (`npm run db:migration:create`): the same options the services use.
import { ormOptions } from './libs/persistence/src/mikro-orm.options';

export default ormOptions(
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/schematrace',
);
