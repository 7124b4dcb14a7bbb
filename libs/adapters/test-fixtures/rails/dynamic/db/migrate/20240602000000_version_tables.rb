# frozen_string_literal: true

# Rails 2 style: a class method and the class's own instance variable.
class VersionTables < ActiveRecord::Migration[4.2]
  @versioned = %w[nodes ways]

  def self.up
    @versioned.each do |tbl|
      add_column "current_#{tbl}", "version", :bigint, null: false
      add_foreign_key tbl, :changesets, name: "#{tbl}_changeset_fkey"
      tbl.classify.constantize.update_all(version: 1)
    end
    execute "TRUNCATE ways"
  end
end
