class CreatePosts < ActiveRecord::Migration[7.1]
  def change
    create_table :posts, id: :uuid do |t|
      t.references :author, null: false, foreign_key: { on_delete: :cascade }
      t.string :title, limit: 200, null: false
      t.text :body
      t.enum :status, enum_type: :post_status, default: "draft", null: false
      t.integer :views, limit: 8, default: 0, null: false
      t.decimal :rating, precision: 3, scale: 1
      t.boolean :featured, default: false
      t.jsonb :metadata, default: {}
      t.string :tags, array: true, default: []
      t.datetime :published_at
      t.timestamps
      t.check_constraint "views >= 0", name: "posts_views_non_negative"
      t.index [:status, :published_at], where: "status = 'published'"
    end
  end
end
