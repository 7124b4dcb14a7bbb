import { pluralize, singularize } from './rails-inflector';

describe('rails inflector', () => {
  it.each([
    ['author', 'authors'],
    ['category', 'categories'],
    ['address', 'addresses'],
    ['box', 'boxes'],
    ['status', 'statuses'],
    ['person', 'people'],
    ['sales_person', 'sales_people'],
    ['child', 'children'],
    ['datum', 'data'],
    ['wife', 'wives'],
    ['line_item', 'line_items'],
    ['money', 'money'],
    ['user_information', 'user_informations'],
    ['matrix', 'matrices'],
    ['mouse', 'mice'],
    ['ox', 'oxen'],
    ['quiz', 'quizzes'],
  ])('given %s, when pluralized, then it is %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
  });

  it.each([
    ['authors', 'author'],
    ['categories', 'category'],
    ['addresses', 'address'],
    ['people', 'person'],
    ['music_records', 'music_record'],
    ['statuses', 'status'],
    ['data', 'datum'],
    ['wives', 'wife'],
    ['series', 'series'],
    ['databases', 'database'],
    ['news', 'news'],
    ['analyses', 'analysis'],
    ['indices', 'index'],
    ['buses', 'bus'],
  ])('given %s, when singularized, then it is %s', (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });
});
