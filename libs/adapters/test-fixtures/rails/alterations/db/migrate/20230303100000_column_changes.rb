class ColumnChanges < ActiveRecord::Migration[7.1]
  def up
    change_column :accounts, :balance, :decimal, precision: 12, scale: 2, default: 0, null: false,
                  using: "balance::numeric(12,2)"
    change_column_default :accounts, :title, "untitled"
    change_column_default :accounts, :title, from: "untitled", to: nil
    change_column_comment :accounts, :title, "Shown to the owner"
    change_table_comment :accounts, from: nil, to: "Customer accounts"
    rename_column :accounts, :title, :display_name
    rename_index :accounts, "index_accounts_on_display_name_and_currency", "accounts_by_name"
    remove_column :accounts, :currency, :string
    add_check_constraint :accounts, "balance >= 0"
    remove_check_constraint :accounts, "balance >= 0"
    rename_table :accounts, :ledgers
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
