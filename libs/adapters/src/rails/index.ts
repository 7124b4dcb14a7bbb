export {
  createRailsAdapter,
  RAILS_ADAPTER_NAME,
  RAILS_ADAPTER_VERSION,
  RailsAdapter,
} from './rails.adapter';
export { loadRubyParser, type RubyParser, type RubySyntaxError } from '../ruby/ruby-parser';
