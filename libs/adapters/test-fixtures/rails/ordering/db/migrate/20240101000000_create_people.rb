class CreatePeople < ActiveRecord::Migration[7.1]
  def change
    create_table :people
  end
end
