import { drops, keysetIndexes, sqlMigration } from '@crm/kernel/subgraph';

export class CreateAccounts1764000000000 extends sqlMigration({
  up: [
    `CREATE TYPE accounts.user_role AS ENUM ('ADMIN', 'MANAGER', 'REP', 'ANALYST')`,
    `CREATE TYPE accounts.market AS ENUM ('BUSINESS', 'CONSUMER')`,
    `CREATE TYPE accounts.tier AS ENUM ('STRATEGIC', 'KEY', 'STANDARD')`,
    `CREATE TYPE accounts.lifecycle AS ENUM ('PROSPECT', 'CUSTOMER', 'FORMER_CUSTOMER', 'PARTNER')`,
    `
      CREATE TABLE accounts.teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE accounts.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        role accounts.user_role NOT NULL,
        team_id uuid REFERENCES accounts.teams (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`,
    `CREATE INDEX users_team_id_idx ON accounts.users (team_id)`,
    `
      CREATE TABLE accounts.accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        domain text,
        industry text,
        market accounts.market NOT NULL,
        tier accounts.tier NOT NULL,
        lifecycle accounts.lifecycle NOT NULL,
        annual_revenue_amount numeric(18, 2),
        annual_revenue_currency char(3),
        employee_count integer CHECK (employee_count >= 0),
        country char(2),
        parent_id uuid REFERENCES accounts.accounts (id),
        owner_id uuid NOT NULL REFERENCES accounts.users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((annual_revenue_amount IS NULL) = (annual_revenue_currency IS NULL)),
        CHECK (parent_id <> id)
      )`,
    ...keysetIndexes('accounts', 'accounts', ['market', 'tier', 'lifecycle', 'parent_id', 'owner_id', 'name', 'created_at', 'updated_at']),
    `CREATE INDEX accounts_name_search_idx ON accounts.accounts (lower(name) text_pattern_ops)`,
    `
      CREATE TABLE accounts.contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts.accounts (id),
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text,
        phone text,
        job_title text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`,
    `CREATE INDEX contacts_account_id_idx ON accounts.contacts (account_id, last_name, id)`,
    `CREATE INDEX contacts_email_idx ON accounts.contacts (lower(email))`,
  ],
  down: drops('accounts', { tables: ['contacts', 'accounts', 'users', 'teams'], types: ['lifecycle', 'tier', 'market', 'user_role'] }),
}) {}
