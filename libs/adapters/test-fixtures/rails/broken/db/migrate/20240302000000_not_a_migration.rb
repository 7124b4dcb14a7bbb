# A helper that ended up in db/migrate.
module MigrationHelpers
  def self.batch_size
    1_000
  end
end
