class ChangeWins < ActiveRecord::Migration[7.1]
  def up
    drop_table :addresses
  end

  def change
    add_helper_columns
  end

  private

  def add_helper_columns
    add_column :addresses, :verified, :boolean, default: false, null: false
  end
end
