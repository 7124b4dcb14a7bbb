class CreateAccounts < ActiveRecord::Migration[7.0]
  def change
    create_table :accounts do |t|
      t.string :name
      t.integer :balance
      t.string :legacy_code, index: true
      t.references :owner, polymorphic: true
    end
  end
end
