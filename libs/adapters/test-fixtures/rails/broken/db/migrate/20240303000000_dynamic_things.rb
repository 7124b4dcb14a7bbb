class DynamicThings < ActiveRecord::Migration[7.1]
  COLUMNS = %i[street city].freeze

  def change
    add_column :addresses, :zip, :string
    COLUMNS.each do |column|
      add_column :addresses, column, :string
    end
    add_index :addresses, :zip unless index_exists?(:addresses, :zip)
    frobnicate :addresses
    execute "UPDATE addresses SET zip = '#{default_zip}'"
    add_column :addresses, :country, :string, **country_options
    Address.find_each do |address|
      address.update!(country: "NL")
    end
    revert AddLegacyColumns
    add_column :addresses, :note, :text
  end
end
