// The JSON schema of kb-audit.json. It validates the file in the engine and, written to
// dist/kb-audit.schema.json by esbuild.js, drives completion and validation in VS Code.
import { FLAVOR_IDS, type FlavorId } from '../flavor/types';
import { RULES, ruleDocsUrl } from '../rules';

const severityOrOff = { enum: ['error', 'warning', 'info', 'off'] };

/**
 * `rules`: for each rule, a severity or "off", or an object with `severity`, `include`,
 * `exclude` and the rule's own options, so the editor completes and checks them all.
 */
function rulesSchema() {
  const properties: Record<string, unknown> = {};
  for (const rule of RULES) {
    properties[rule.id] = {
      description: `${rule.description}. Default: ${rule.defaultSeverity}.`,
      markdownDescription: `${rule.description}. Default severity: \`${rule.defaultSeverity}\`. [Documentation](${ruleDocsUrl(rule.id)})`,
      // if/then/else rather than oneOf, so a mistake is reported against the branch that was meant.
      if: { type: 'string' },
      then: severityOrOff,
      else: {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity: severityOrOff,
          include: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of the files this rule checks (default: all).' },
          exclude: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of the files this rule leaves alone.' },
          ...rule.optionsSchema,
        },
      },
      defaultSnippets: [{ label: 'off', body: 'off' }],
    };
  }
  return {
    type: 'object',
    description: 'Per-rule settings: a severity, "off", or an object with `severity`, `include`, `exclude` and the rule\'s options.',
    additionalProperties: false,
    properties,
  };
}

/**
 * `routing.embeddings`: an OpenAI-compatible embeddings endpoint whose similarity is blended into
 * the routing. Never a key: the key comes from the environment variable `apiKeyEnv` names (CLI)
 * or the editor's secret storage, so kb-audit.json can be committed.
 */
export const embeddingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'model'],
  description:
    'Bring your own embeddings: an OpenAI-compatible /v1/embeddings endpoint (Ollama, LM Studio, llama.cpp server, vLLM, OpenAI, Azure OpenAI) whose similarity is blended into the routing. Sends the text of every section and the sample questions to the endpoint; vectors are cached by content and model. Off unless set.',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'false keeps the settings but routes with the built-in matching alone.' },
    endpoint: {
      type: 'string',
      pattern: '^https?://',
      description:
        'The server (http://localhost:11434/v1 for Ollama) or its full embeddings URL. Azure OpenAI: the resource (https://NAME.openai.azure.com), the deployment URL, or .../openai/v1.',
    },
    model: { type: 'string', minLength: 1, description: 'The embedding model (Azure OpenAI: the deployment name), e.g. "nomic-embed-text", "text-embedding-3-small".' },
    apiKeyEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'The environment variable the CLI reads the API key from (e.g. "OPENAI_API_KEY"). In VS Code the key is kept in its secret storage: run "KB Audit: Set Embeddings API Key". Local servers need none.',
    },
    provider: { enum: ['openai', 'azure'], description: 'How to call the endpoint. Default: "azure" for *.openai.azure.com and *.cognitiveservices.azure.com, else "openai".' },
    apiVersion: { type: 'string', minLength: 1, default: '2024-10-21', description: 'Azure OpenAI api-version for deployment URLs.' },
    dimensions: { type: 'integer', minimum: 1, description: 'Ask for vectors of this length (models that can shorten theirs, such as text-embedding-3-*).' },
    batchSize: { type: 'integer', minimum: 1, maximum: 2048, default: 64, description: 'Texts per request.' },
    timeoutMs: { type: 'integer', minimum: 100, default: 30000, description: 'Time allowed for one request, in milliseconds.' },
    retries: { type: 'integer', minimum: 0, maximum: 10, default: 3, description: 'Retries of a request that timed out or was answered 429 or 5xx (Retry-After is honoured).' },
    weight: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
      description: 'Share of a match score that comes from the embedding similarity; the rest from the built-in matching. Confidence is calibrated on the blend, so the threshold keeps its meaning.',
    },
  },
};

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kb-audit.dev/schema/kb-audit.schema.json',
  title: 'KB Audit configuration (kb-audit.json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    docs: {
      type: 'string',
      description: 'Folder of Markdown articles, relative to this file. Default: the folder holding this file.',
    },
    include: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Globs of the articles to read, relative to the docs folder.',
      default: ['**/*.md', '**/*.markdown', '**/*.mdx'],
    },
    exclude: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Globs to leave out, relative to the docs folder. node_modules and .git are always left out.',
      default: [],
    },
    maxFileSize: {
      type: 'integer',
      minimum: 1,
      description: 'Files larger than this many bytes are skipped with a warning.',
      default: 2_000_000,
    },
    questions: {
      type: 'string',
      description: 'Sample customer questions (.txt, .csv or .jsonl), relative to this file.',
    },
    flavor: {
      enum: ['auto', ...FLAVOR_IDS],
      default: 'auto',
      description:
        'The documentation generator the articles are written for: its Markdown dialect, how its links resolve and which pages its navigation reaches. "auto" finds it from the configuration in the docs folder or the folders above it (docusaurus.config.*, mkdocs.yml, hugo.toml or config.toml, book.toml, docfx.json, .obsidian/, .github/).',
    },
    siteUrl: {
      type: 'string',
      pattern: '^https?://',
      description: 'Where the knowledge base is published (https://help.example.com/docs/): links to it are checked as links between articles. Read from the generator\'s configuration when it names one.',
    },
    locales: {
      type: 'object',
      additionalProperties: false,
      description:
        'Translations: each locale is audited as its own knowledge base, and each translation is compared with its source (translation-drift, stale-translation, missing-translation). Found from the generator\'s configuration and the folder (i18n/<locale>/…, content/<lang>/, docs/<lang>/, page.<lang>.md, front matter lang/locale/language) when not set.',
      properties: {
        source: { type: 'string', pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$', description: 'The locale translations are made from. Default: the generator\'s default language, else en.' },
        translations: {
          type: 'array',
          items: { type: 'string', pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$' },
          description: 'The locales translated into. Default: the generator\'s languages, else those found in folder names and file suffixes.',
        },
        layout: { enum: ['auto', 'none'], default: 'auto', description: '"none" reads every file as one knowledge base, whatever its locale.' },
      },
    },
    rules: rulesSchema(),
    routing: {
      type: 'object',
      additionalProperties: false,
      description: 'How the answer-or-escalate simulator decides (kb-audit ask, kb-audit preview, coverage checks).',
      properties: {
        threshold: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: 0.5,
          description:
            'Confidence at or above which the bot answers; below it, it escalates to a person. Confidence is calibrated per knowledge base, so 0.5 means "a better match than a question on a missing topic typically gets". Use `kb-audit preview --sweep` to choose.',
        },
        clarifyMargin: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: 0.05,
          description: 'When a section of another article is also above the threshold and within this confidence of the best, the bot asks which one the customer means.',
        },
        replyLength: {
          type: 'integer',
          minimum: 20,
          default: 280,
          description: "Longest reply, in characters: the bot replies with the best section's opening sentences up to this length.",
        },
        recitalLength: {
          type: 'integer',
          minimum: 1,
          description: 'A reply taken verbatim from a section whose answer text is longer than this many characters is flagged as a recital. Default: three times replyLength.',
        },
        synonyms: {
          type: 'object',
          description: 'Words the articles use, each with the words and phrases customers use for it: { "refund": ["money back", "reimburse"] }.',
          additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
        escalate: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description:
            'Phrases and topics that always go to a person, matched word by word with plurals folded. Replaces the default list ("speak to a human", "talk to a human", "speak to a person", "talk to a person", "real person", "human agent", "fraud", "complaint", "close my account"); [] turns triggers off.',
        },
        escalateArticles: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Globs of articles, relative to the docs folder, whose questions always go to a person (e.g. "legal/**").',
        },
        embeddings: embeddingsSchema,
      },
    },
  },
};

export type SeverityOrOff = 'error' | 'warning' | 'info' | 'off';

export interface RuleSetting {
  severity?: SeverityOrOff;
  include?: string[];
  exclude?: string[];
  [option: string]: unknown;
}

export interface RoutingConfig {
  threshold?: number;
  clarifyMargin?: number;
  replyLength?: number;
  recitalLength?: number;
  synonyms?: Record<string, string[]>;
  escalate?: string[];
  escalateArticles?: string[];
  embeddings?: EmbeddingsConfig;
}

/** `routing.embeddings` as written. */
export interface EmbeddingsConfig {
  enabled?: boolean;
  endpoint: string;
  model: string;
  apiKeyEnv?: string;
  provider?: 'openai' | 'azure';
  apiVersion?: string;
  dimensions?: number;
  batchSize?: number;
  timeoutMs?: number;
  retries?: number;
  weight?: number;
}

/** kb-audit.json as written. */
/** kb-audit.json `locales`. */
export interface LocalesConfig {
  source?: string;
  translations?: string[];
  layout?: 'auto' | 'none';
}

export interface ConfigFile {
  docs?: string;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  questions?: string;
  flavor?: FlavorId | 'auto';
  siteUrl?: string;
  locales?: LocalesConfig;
  rules?: Record<string, SeverityOrOff | RuleSetting>;
  routing?: RoutingConfig;
}
