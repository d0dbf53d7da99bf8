/** Narrows a string (a select's value) to a member of a constant list, or undefined. */
export function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return list.find((member) => member === value);
}
