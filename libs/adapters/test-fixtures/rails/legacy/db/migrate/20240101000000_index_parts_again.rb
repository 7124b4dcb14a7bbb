class IndexPartsAgain < ActiveRecord::Migration[7.1]
  def change
    add_index :parts, [:gadget_id, :made_at, :created_at, :shelved]
    add_column :parts, :shipped_at, :datetime
  end
end
