import type { PyCall } from '../python/python-value';
import { isManyToMany, isRelation, relationTarget } from './django-fields';
import { emptyModel, ProjectState, type FieldState, type ModelState } from './django-state';

const call = (callee: string, kwargs: Record<string, string> = {}): PyCall => ({
  type: 'call',
  callee,
  args: [],
  kwargs: Object.fromEntries(
    Object.entries(kwargs).map(([key, value]) => [key, { type: 'str', value, line: 1 }]),
  ),
  line: 1,
});
const pk: FieldState = {
  name: 'id',
  call: {
    ...call('models.BigAutoField'),
    kwargs: { primary_key: { type: 'bool', value: true, line: 1 } },
  },
};
const fk = (name: string, to: string, toField?: string): FieldState => ({
  name,
  call: call('models.ForeignKey', { to, ...(toField ? { to_field: toField } : {}) }),
});
const m2m = (name: string, to: string): FieldState => ({
  name,
  call: call('models.ManyToManyField', { to }),
});

function modelWith(
  state: ProjectState,
  app: string,
  name: string,
  fields: FieldState[],
): ModelState {
  const model = emptyModel(app, name);
  for (const field of [pk, ...fields]) state.addField(model, field);
  state.add(model);
  return model;
}

/** `referencesTo` as a scan of every field of every model, the definition the index must match. */
function scanned(state: ProjectState, model: ModelState): string[] {
  const key = `${model.app}.${model.name.toLowerCase()}`;
  return state.all().flatMap((other) =>
    other.fields
      .filter((field) => isRelation(field.call) || isManyToMany(field.call))
      .filter((field) => state.resolveModelKey(other, relationTarget(field.call)) === key)
      .map((field) => `${other.app}.${other.name}.${field.name}`),
  );
}
const indexed = (state: ProjectState, model: ModelState): string[] =>
  state
    .referencesTo(model)
    .map(({ model: other, field }) => `${other.app}.${other.name}.${field.name}`);

describe('ProjectState relations index', () => {
  it('given fields added, replaced, removed and models renamed, replaced, removed and cloned, then referencesTo matches a scan of every model, in model order', () => {
    const state = new ProjectState();
    const tag = modelWith(state, 'shop', 'Tag', [m2m('related', 'self'), fk('parent', 'shop.Tag')]);
    const post = modelWith(state, 'shop', 'Post', [m2m('tags', 'Tag')]);
    const article = modelWith(state, 'blog', 'Article', [m2m('tags', 'shop.tag')]);
    const child = emptyModel('shop', 'SpecialTag');
    child.parents.push('shop.tag');
    state.addField(child, fk('tag_ptr', 'shop.tag'));
    state.add(child);
    const check = (target: ModelState, expected: string[]) => {
      expect(indexed(state, target)).toEqual(expected);
      expect(indexed(state, target)).toEqual(scanned(state, target));
    };

    check(tag, [
      'shop.Tag.related',
      'shop.Tag.parent',
      'shop.Post.tags',
      'blog.Article.tags',
      'shop.SpecialTag.tag_ptr',
    ]);

    state.renameModel(tag, 'Label');
    check(tag, [
      'shop.Post.tags',
      'blog.Article.tags',
      'shop.SpecialTag.tag_ptr',
      'shop.Label.related',
      'shop.Label.parent',
    ]);
    expect(child.parents).toEqual(['shop.label']);
    expect(relationTarget(post.fields[1]!.call)).toEqual({
      type: 'str',
      value: 'shop.label',
      line: 1,
    });

    state.replaceField(article, article.fields[1]!, m2m('tags', 'shop.post'));
    state.addField(post, fk('label', 'shop.label'));
    state.removeField(post, post.fields[1]!);
    check(tag, [
      'shop.Post.label',
      'shop.SpecialTag.tag_ptr',
      'shop.Label.related',
      'shop.Label.parent',
    ]);
    check(post, ['blog.Article.tags']);

    // A model created again under the same key keeps its place; a removed one leaves the index.
    const again = modelWith(state, 'shop', 'Post', [
      fk('label', 'shop.Label'),
      fk('article', 'blog.article'),
    ]);
    check(tag, [
      'shop.Post.label',
      'shop.SpecialTag.tag_ptr',
      'shop.Label.related',
      'shop.Label.parent',
    ]);
    check(article, ['shop.Post.article']);
    state.remove('shop', 'specialtag');
    check(tag, ['shop.Post.label', 'shop.Label.related', 'shop.Label.parent']);

    const copy = state.clone();
    copy.renameModel(copy.get('shop', 'Label')!, 'Badge');
    check(tag, ['shop.Post.label', 'shop.Label.related', 'shop.Label.parent']);
    const badge = copy.get('shop', 'Badge')!;
    expect(indexed(copy, badge)).toEqual([
      'shop.Post.label',
      'shop.Badge.related',
      'shop.Badge.parent',
    ]);
    expect(indexed(copy, badge)).toEqual(scanned(copy, badge));

    // A field renamed on the target: relations naming it with to_field follow.
    state.addField(again, fk('by_code', 'shop.label', 'code'));
    state.renameField(tag, 'code', 'ref');
    expect(again.fields.at(-1)!.call.kwargs.to_field).toEqual({
      type: 'str',
      value: 'ref',
      line: 1,
    });
    check(tag, ['shop.Post.label', 'shop.Post.by_code', 'shop.Label.related', 'shop.Label.parent']);
  });
});
