import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { DockerfileParser, type Flag, type Instruction } from 'dockerfile-ast'

/** The repository root: the compose project's directory and the images' build context. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface Stage {
  /** The `AS` name; null for an unnamed stage. */
  name: string | null
  /** The image or earlier stage it starts from, as written. */
  from: string
  instructions: Instruction[]
}

export interface ImageCopy {
  /** The stage named by `--from`; null for a copy from the build context. */
  from: string | null
  sources: string[]
  destination: string
}

/** What a target's image ends up with: its stage and the stages it is built on, applied in order. */
export interface Image {
  /** The stages applied, the first base first. */
  stages: string[]
  /** The first stage's base image, variables expanded. */
  baseImage: string
  user: string | undefined
  workdir: string | undefined
  env: Record<string, string>
  expose: string[]
  cmd: string[] | undefined
  healthcheck: { flags: Record<string, string>, cmd: string[] } | undefined
  copies: ImageCopy[]
  /** Each RUN's command as written (the shell expands it at build time). */
  runs: string[]
}

export interface ParsedDockerfile {
  stages: Stage[]
  /** ARGs before the first FROM, with their defaults. */
  globalArgs: Record<string, string>
}

export function readDockerfile (path = `${REPO_ROOT}Dockerfile`): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'))
  const globalArgs = Object.fromEntries(dockerfile.getInitialARGs().flatMap(arg =>
    arg.getProperties().map(property => [property.getName(), property.getValue() ?? ''])))
  const stages: Stage[] = []
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [from = '', as, name] = instruction.getArguments().map(argument => argument.getValue())
      stages.push({ from, name: as?.toUpperCase() === 'AS' && name !== undefined ? name : null, instructions: [] })
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push(instruction)
    }
  }
  return { stages, globalArgs }
}

/**
 * The image `target` builds (the last stage when null) with `buildArgs`, as far as a file can
 * tell without an engine: user, working directory, environment, command, health check, copies.
 */
export function imageOf ({ stages, globalArgs }: ParsedDockerfile, target: string | null, buildArgs: Record<string, string> = {}): Image {
  const chain: Stage[] = []
  let stage = target === null ? stages.at(-1) : stages.find(candidate => candidate.name === target)
  if (stage === undefined) throw new Error(`the Dockerfile has no stage ${target}`)
  while (stage !== undefined) {
    chain.unshift(stage)
    const base: string = stage.from
    stage = stages.slice(0, stages.indexOf(stage)).find(candidate => candidate.name === base)
  }

  const baseArgs = { ...globalArgs, ...pick(buildArgs, Object.keys(globalArgs)) }
  const image: Image = {
    stages: chain.map(({ name }) => name ?? '(unnamed)'),
    baseImage: expand(chain[0]!.from, baseArgs),
    user: undefined,
    workdir: undefined,
    env: {},
    expose: [],
    cmd: undefined,
    healthcheck: undefined,
    copies: [],
    runs: []
  }
  for (const { instructions } of chain) {
    // ARGs are scoped to their stage; ENV is inherited.
    const vars: Record<string, string> = {}
    const scope = () => ({ ...vars, ...image.env })
    for (const instruction of instructions) {
      const content = instruction.getArgumentsContent() ?? ''
      switch (instruction.getKeyword()) {
        case 'ARG':
          for (const property of propertiesOf(instruction)) {
            vars[property.name] = buildArgs[property.name] ?? property.value ?? ''
          }
          break
        case 'ENV':
          for (const property of propertiesOf(instruction)) image.env[property.name] = expand(property.value ?? '', scope())
          break
        case 'USER':
          image.user = expand(content, scope())
          break
        case 'WORKDIR':
          image.workdir = expand(content, scope())
          break
        case 'EXPOSE':
          image.expose.push(...content.split(/\s+/).map(port => expand(port, scope())))
          break
        case 'CMD':
          image.cmd = execForm(content)
          break
        case 'HEALTHCHECK': {
          const flags = Object.fromEntries(flagsOf(instruction).map(flag => [flag.getName(), flag.getValue() ?? '']))
          const command = content.replace(/^(--\S+\s+)*/, '')
          if (!command.startsWith('CMD')) throw new Error(`HEALTHCHECK without CMD: ${content}`)
          image.healthcheck = { flags, cmd: execForm(command.slice('CMD'.length).trim()) }
          break
        }
        case 'COPY': {
          const from = flagsOf(instruction).find(flag => flag.getName() === 'from')?.getValue() ?? null
          const paths = instruction.getArguments().map(argument => argument.getValue()).filter(value => !value.startsWith('--'))
          image.copies.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1)! })
          break
        }
        case 'RUN':
          image.runs.push(content)
          break
      }
    }
  }
  return image
}

function propertiesOf (instruction: Instruction): Array<{ name: string, value: string | null }> {
  const { getProperties } = instruction as unknown as { getProperties: () => Array<{ getName: () => string, getValue: () => string | null }> }
  return getProperties.call(instruction).map(property => ({ name: property.getName(), value: property.getValue() }))
}

function flagsOf (instruction: Instruction): Flag[] {
  return (instruction as unknown as { getFlags: () => Flag[] }).getFlags()
}

// Docker runs a non-JSON command through a shell.
function execForm (content: string): string[] {
  try {
    const parsed: unknown = JSON.parse(content)
    if (Array.isArray(parsed) && parsed.every(part => typeof part === 'string')) return parsed
  } catch {}
  return ['/bin/sh', '-c', content]
}

function expand (text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => vars[(braced ?? bare)!] ?? whole)
}

function pick (values: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => names.includes(name)))
}
