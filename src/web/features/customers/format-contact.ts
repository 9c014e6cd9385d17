/** '+8613912345678' → '139 1234 5678' (mainland mobiles, the 3-4-4 grouping staff read aloud); anything else as stored. */
export function formatContactValue(kind: string, value: string): string {
  if (kind !== 'phone') return value;
  const mobile = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(value);
  if (mobile) return `${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  return value;
}
