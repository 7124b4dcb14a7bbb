# openstreetmap-website style: strong_migrations' safety_assured around key changes, with a
# primary-key helper the app defines in its own lib (not Rails API, so not read).
require "migrate"

class SwapTagKeys < ActiveRecord::Migration[7.1]
  def up
    safety_assured do
      remove_column :gpx_file_tags, :id
      add_primary_key :gpx_file_tags, [:gpx_id, :tag]
    end
    safety_assured { add_index :gpx_file_tags, :tag }
  end

  def down
    remove_index :gpx_file_tags, :tag
  end
end
