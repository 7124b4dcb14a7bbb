# This migration comes from billing (originally 20231231000000)
class CreateInvoices < ActiveRecord::Migration[7.1]
  def change
    create_table :invoices
  end
end
