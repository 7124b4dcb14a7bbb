class CreateGadgets < ActiveRecord::Migration[5.0]
  def change
    create_table :gadgets, id: :uuid do |t|
      t.references :widget, polymorphic: true
      t.datetime :made_at
      t.timestamps
    end
  end
end
