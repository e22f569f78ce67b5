export function PageHeading(props: { children: React.ReactNode }) {
  return <h1 className="mb-6 text-3xl font-bold md:text-4xl">{props.children}</h1>;
}
