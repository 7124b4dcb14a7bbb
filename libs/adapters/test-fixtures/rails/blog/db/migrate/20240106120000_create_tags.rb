class CreateTags < ActiveRecord::Migration[7.1]
  def change
    create_table :tags do |t|
      t.string :label, null: false, index: { unique: true }
    end

    create_join_table :authors, :tags do |t|
      t.index [:author_id, :tag_id], unique: true
    end
  end
end
