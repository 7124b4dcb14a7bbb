class CreateAuthors < ActiveRecord::Migration[7.1]
  def change
    create_table :authors do |t|
      t.string :name, null: false
      t.citext :email, null: false
      t.text :bio, comment: "Shown on the author page"
      t.timestamps
    end
    add_index :authors, :email, unique: true
  end
end
