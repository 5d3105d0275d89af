/** One property decorator that applies each of `decorators` in turn, for fields declared alike everywhere. */
export function allOf(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}
