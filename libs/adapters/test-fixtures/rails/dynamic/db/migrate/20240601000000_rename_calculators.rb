# frozen_string_literal: true

# SQL built from a helper's arguments and from a literal hash: followed as data changes.
class RenameCalculators < ActiveRecord::Migration[7.1]
  RENAMED = {
    flat: "Calculator::FlatRate",
    "per item": "Calculator::PerItem",
  }.freeze

  def up
    move_calculator("DefaultTax")

    RENAMED.each do |old_name, new_name|
      execute <<~SQL.squish
        UPDATE calculators
           SET type = '#{new_name}'
         WHERE type = '#{old_name}'
      SQL
    end

    execute <<~SQL.squish
      INSERT INTO payment_methods (type, environment)
      VALUES ('Credit', '#{Rails.env}')
    SQL
  end

  private

  def move_calculator(base_name)
    Calculator.connection.execute(
      "UPDATE calculators SET type = 'Calculator::" + base_name + "' WHERE type = 'Spree::" + base_name + "'"
    )
  end
end
