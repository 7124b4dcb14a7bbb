class DropThings < ActiveRecord::Migration[7.1]
  def change
    remove_timestamps :ledgers
    add_timestamps :ledgers, null: true, default: -> { "CURRENT_TIMESTAMP" }
    drop_table :old_things, if_exists: true
    drop_table :audit_entries, :audit_batches, force: :cascade
    remove_columns :ledgers, :notes, :flags
  end
end
