class HalfWritten < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.string :title
  end
end
