class IndexOrdersConcurrently < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :orders, :customer_id, algorithm: :concurrently
    add_reference :orders, :store, index: { algorithm: :concurrently }
    remove_index :orders, :legacy_id, algorithm: :concurrently, if_exists: true
  end
end
