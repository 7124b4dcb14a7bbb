class CreateParts < ActiveRecord::Migration[6.0]
  def change
    create_table :parts do |t|
      t.references :gadget, type: :uuid, foreign_key: true
      t.datetime :made_at
      t.boolean :shelved
      t.timestamps
    end
  end
end
