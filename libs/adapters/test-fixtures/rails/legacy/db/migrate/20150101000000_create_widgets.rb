class CreateWidgets < ActiveRecord::Migration
  def change
    create_table :widgets do |t|
      t.references :gizmo
      t.datetime :made_at
      t.timestamps
    end
  end
end
