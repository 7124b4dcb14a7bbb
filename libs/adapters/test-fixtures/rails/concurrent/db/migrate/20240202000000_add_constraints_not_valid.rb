class AddConstraintsNotValid < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :orders, :customers, validate: false
    add_check_constraint :orders, "total >= 0", name: "orders_total_non_negative", validate: false
    add_index :orders, :placed_at, algorithm: :concurrently
  end
end
