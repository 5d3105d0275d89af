import 'reflect-metadata';
import { Max, Min } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { validateArguments } from './validate-arguments';

class PageArgs {
  @Min(0)
  @Max(100)
  first!: number;
}

const page = (first: number) => Object.assign(new PageArgs(), { first });

describe('validateArguments', () => {
  it('accepts a valid value, again and again', async () => {
    for (let i = 0; i < 3; i++) await expect(validateArguments(page(20), PageArgs)).resolves.toBeUndefined();
  });

  it('refuses an invalid value every time, also after accepting valid ones of the same type', async () => {
    await validateArguments(page(20), PageArgs);
    for (let i = 0; i < 2; i++) await expect(validateArguments(page(500), PageArgs)).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArguments(page(-1), PageArgs)).rejects.toBeInstanceOf(ArgumentValidationError);
  });

  it('checks each element of a list argument', async () => {
    await expect(validateArguments([page(1), page(2)], PageArgs)).resolves.toBeUndefined();
    await expect(validateArguments([page(1), page(101)], PageArgs)).rejects.toBeInstanceOf(ArgumentValidationError);
  });
});
