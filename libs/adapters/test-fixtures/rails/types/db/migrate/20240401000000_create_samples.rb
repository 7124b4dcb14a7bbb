class CreateSamples < ActiveRecord::Migration[7.1]
  def change
    create_table :samples, id: :bigint, force: :cascade do |t|
      t.string :a_string
      t.string :a_short_string, limit: 40
      t.text :a_text
      t.integer :an_integer
      t.integer :a_small_integer, limit: 2
      t.integer :a_big_integer, limit: 8
      t.bigint :a_bigint
      t.float :a_float
      t.decimal :a_decimal
      t.decimal :a_money_amount, precision: 10, scale: 2
      t.numeric :a_numeric, precision: 6
      t.boolean :a_boolean
      t.date :a_date
      t.datetime :a_datetime
      t.datetime :a_precise_datetime, precision: 3
      t.datetime :an_imprecise_datetime, precision: nil
      t.timestamp :a_timestamp
      t.timestamptz :a_timestamptz
      t.time :a_time
      t.binary :a_binary
      t.json :a_json
      t.jsonb :a_jsonb
      t.uuid :a_uuid
      t.inet :an_inet
      t.citext :a_citext
      t.hstore :an_hstore
      t.integer :integers, array: true
      t.column :a_raw_type, "character varying(20)"
      t.column :a_custom_type, :ltree
      t.virtual :a_generated, type: :string, as: "lower(a_string)", stored: true
    end
  end
end
