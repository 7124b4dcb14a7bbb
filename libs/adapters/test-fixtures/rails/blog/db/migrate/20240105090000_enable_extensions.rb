# frozen_string_literal: true

class EnableExtensions < ActiveRecord::Migration[7.1]
  def change
    enable_extension "pgcrypto"
    enable_extension "citext"
    create_enum :post_status, %w[draft published archived]
  end
end
