import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, rememberCsrfToken } from "./client";
import type { Me, Session } from "./types";

export const sessionKey = ["session"] as const;

async function fetchSession(): Promise<Session> {
  const session = await api.get<Session>("/api/v1/session");
  rememberCsrfToken(session.csrfToken);
  return session;
}

/** Who is signed in (null when nobody), the sign-up mode, and the CSRF token. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The signed-in person; only call below a route that requires a session. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data?.person) throw new Error("useMe needs a signed-in person (wrap the page in RequireSession).");
  return data.person;
}

function useSetPerson() {
  const queryClient = useQueryClient();
  return (person: Me | null) => {
    queryClient.setQueryData<Session>(sessionKey, (old) => (old ? { ...old, person } : old));
  };
}

export function useSignIn() {
  const setPerson = useSetPerson();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<{ person: Me }>("/api/v1/session", input),
    onSuccess: ({ person }) => setPerson(person),
  });
}

export function useSignUp() {
  const setPerson = useSetPerson();
  return useMutation({
    mutationFn: (input: { email: string; password: string; displayName: string }) => api.post<{ person: Me }>("/api/v1/accounts", input),
    onSuccess: ({ person }) => setPerson(person),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>("/api/v1/session"),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useUpdateMe() {
  const setPerson = useSetPerson();
  return useMutation({
    mutationFn: (input: { version: number; displayName?: string; timeZone?: string; currentPassword?: string; newPassword?: string }) => api.patch<Me>("/api/v1/me", input),
    onSuccess: (person) => setPerson(person),
  });
}
