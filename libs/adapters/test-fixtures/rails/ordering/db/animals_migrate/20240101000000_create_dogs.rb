class CreateDogs < ActiveRecord::Migration[7.1]
  def change
    create_table :dogs
  end
end
