class UpAndDown < ActiveRecord::Migration[7.1]
  def up
    add_column :addresses, :lat, :float
    add_column :addresses, :lng, :float
  end

  def down
    remove_column :addresses, :lng
    remove_column :addresses, :lat
  end
end
