ActiveRecord::Schema[7.1].define(version: 2024_01_01_000001) do
  create_table "users", force: :cascade do |t|
    t.string "name"
  end
end
