class IndexParts < ActiveRecord::Migration[7.0]
  def change
    add_index :parts, [:gadget_id, :made_at, :created_at, :shelved]
    add_column :parts, :checked_at, :datetime
  end
end
