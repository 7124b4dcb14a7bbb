class ValidateConstraints < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    validate_foreign_key :orders, :customers
    transaction do
      validate_check_constraint :orders, name: "orders_total_non_negative"
    end
  end
end
