class ChangeAccounts < ActiveRecord::Migration[7.1]
  def change
    change_table :accounts, bulk: true do |t|
      t.rename :name, :title
      t.string :currency, limit: 3, default: "EUR", null: false
      t.change_default :currency, from: "EUR", to: "USD"
      t.remove :legacy_code, type: :string
      t.index [:title, :currency]
      t.remove_references :owner, polymorphic: true
      t.timestamps null: true
    end
  end
end
