/** A connection string fit for a log line: its password, if any, shown as `***`. */
export function redactPassword (databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return '(unparseable URL)'
  }
}
