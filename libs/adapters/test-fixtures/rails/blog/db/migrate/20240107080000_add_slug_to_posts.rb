class AddSlugToPosts < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :slug, :string
    reversible do |dir|
      dir.up do
        execute <<~SQL.squish
          UPDATE posts
             SET slug = lower(replace(title, ' ', '-'))
        SQL
      end
      dir.down { say "slugs stay" }
    end
    change_column_null :posts, :slug, false
    add_index :posts, :slug, unique: true
  end
end
