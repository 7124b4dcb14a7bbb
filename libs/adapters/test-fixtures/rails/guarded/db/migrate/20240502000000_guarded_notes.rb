class GuardedNotes < ActiveRecord::Migration[7.1]
  INDEXED = %i[user_id created_at].freeze

  def change
    unless table_exists?(:notes)
      create_table :notes, primary_key: [:user_id, :id] do |t|
        t.bigint :user_id
        t.bigint :id
        t.text :body
        t.timestamps
      end
    end
    add_column :notes, :visible, :boolean unless column_exists?(:notes, :visible)
    INDEXED.each do |column|
      add_index :notes, column unless index_exists?(:notes, column)
    end
    if connection.adapter_name == "PostgreSQL"
      execute "CREATE INDEX notes_body_trgm ON notes USING gin (body gin_trgm_ops)"
    end
    Note.where(visible: nil).in_batches.update_all(visible: true)
  end
end
