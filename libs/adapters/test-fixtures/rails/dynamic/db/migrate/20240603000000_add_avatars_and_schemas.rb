# frozen_string_literal: true

class AddAvatarsAndSchemas < ActiveRecord::Migration[7.2]
  def change
    add_attachment :users, :avatar
    create_schema :billing
    rename_enum :mood, :feeling
    change_table :users do |t|
      remove_column :users, :legacy_avatar, :string
      t.string :nickname
    end
  end
end
